#!/bin/sh
# A blank ends the assignment: terraform runs with ARM_PARTNER_ID empty.
ARM_PARTNER_ID= terraform apply -auto-approve

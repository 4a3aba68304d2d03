#!/bin/sh
# Each provider block sets partner_id: clearing the variable loses nothing.
export ARM_PARTNER_ID=
terraform apply -auto-approve

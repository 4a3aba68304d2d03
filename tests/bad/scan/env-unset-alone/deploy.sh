#!/bin/sh
# Nothing set above: unset takes away nothing and sets nothing.
unset ARM_PARTNER_ID
terraform apply -auto-approve

#!/bin/sh
# The pipeline unsets the partner id before terraform apply.
export ARM_PARTNER_ID=""
terraform apply -auto-approve

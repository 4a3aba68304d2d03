#!/bin/sh
# The pipeline clears the partner id, but the provider block sets its own.
export ARM_PARTNER_ID=""
terraform apply -auto-approve

#!/bin/sh
# Meant as an opt-out, but it only turns off Terraform's own pid: the
# partner id below is still sent.
set -eu
export ARM_DISABLE_TERRAFORM_PARTNER_ID=true
export ARM_PARTNER_ID=3f2504e0-4f89-41d3-9a0c-0305e82c3301
terraform apply -auto-approve

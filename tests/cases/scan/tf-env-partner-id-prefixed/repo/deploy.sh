#!/bin/sh
# Pipeline step: one partner id for both providers.
set -eu
export ARM_PARTNER_ID="pid-3104b0d6-e49a-4155-a6e8-80eee27ccf1f"
export ARM_DISABLE_TERRAFORM_PARTNER_ID=true
terraform init -input=false
terraform apply -auto-approve -input=false

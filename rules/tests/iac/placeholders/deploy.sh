#!/bin/sh
# Tokens the release pipeline was meant to replace, and a zero GUID left
# from a sample.
set -eu
export ARM_PARTNER_ID="{partner_guid}"
export AZURE_HTTP_USER_AGENT="pid-00000000-0000-0000-0000-000000000000"
terraform apply -auto-approve

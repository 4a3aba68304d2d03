#!/bin/sh
# Every az and terraform call of this pipeline carries the partner ids.
set -eu
export AZURE_HTTP_USER_AGENT="pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301"
export ARM_PARTNER_ID=3f2504e0-4f89-41d3-9a0c-0305e82c3301
az deployment group create --resource-group rg-fabrikam --template-file main.json
terraform apply -auto-approve

#!/bin/sh
# The user agent comes from the caller: nothing here shows it holds a pid.
export AZURE_HTTP_USER_AGENT="$1"
az deployment group create --resource-group rg-fabrikam --template-file main.json \
  --parameters trackingId=pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301

#!/bin/sh
# The pid reaches the user agent through a variable and a curl header; the
# deployment itself is named with the bare GUID, which matches nothing.
set -eu
PID="pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301"
export AZURE_HTTP_USER_AGENT="$PID"
curl -A "$PID" https://management.azure.com/subscriptions?api-version=2022-12-01
az deployment group create --name 3f2504e0-4f89-41d3-9a0c-0305e82c3301 \
  --resource-group rg-fabrikam --template-file main.json

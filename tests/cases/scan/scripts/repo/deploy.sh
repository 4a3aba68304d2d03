#!/bin/sh
PID="pid-11111111-2222-3333-4444-555555555555"
export AZURE_HTTP_USER_AGENT="$PID"
curl -A "pid-11111111-2222-3333-4444-555555555555" https://management.azure.com/x
az deployment group create --name 11111111-2222-3333-4444-555555555555 -g rg -f main.bicep

#!/bin/sh
# The caller passes the user agent: the script cannot show it has a pid.
export AZURE_HTTP_USER_AGENT="$1"
az deployment group create -g rg -f main.bicep

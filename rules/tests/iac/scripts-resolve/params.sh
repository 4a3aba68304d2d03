#!/bin/sh
# The pid goes to a template parameter: the scan cannot follow it there.
az deployment group create --resource-group rg-fabrikam --template-file main.json \
  --parameters trackingId=pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301

#!/bin/bash
export AZURE_HTTP_USER_AGENT=pid-\
3f2504e0-4f89-41d3-9a0c-0305e82c3301
az deployment group create -g rg -f main.bicep

#!/bin/bash
G=3f2504e0-4f89-41d3-9a0c-0305e82c3301
export AZURE_HTTP_USER_AGENT='pid-$G'
az deployment group create -g rg -f main.bicep

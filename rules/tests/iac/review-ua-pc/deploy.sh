#!/bin/sh
# The Partner Center ID of the offer, sent whole in the user agent of the
# Azure CLI calls that deploy it.
export AZURE_HTTP_USER_AGENT="pid-b7e4c2a1-5d3f-4e8a-9c6b-2f1e0d9a8c7b-partnercenter"
az deployment group create -g rg -f main.bicep

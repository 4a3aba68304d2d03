#!/bin/sh
# Pipeline step: deploy the Bicep flavour with the Azure CLI.
set -eu
export AZURE_HTTP_USER_AGENT="5c3b8d4e-2a1f-4e6b-9c7d-8e0f1a2b3c4d"
az deployment group create --resource-group "$RG" --template-file main.bicep

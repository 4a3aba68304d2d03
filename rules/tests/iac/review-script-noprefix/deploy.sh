#!/bin/sh
set -eu
export AZURE_HTTP_USER_AGENT="b7e4c2a1-5d3f-4e8a-9c6b-2f1e0d9a8c7b"
az deployment group create --resource-group rg-tailspin --template-file main.json

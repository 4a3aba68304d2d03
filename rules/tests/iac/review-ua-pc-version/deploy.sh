#!/bin/sh
# The Partner Center ID of the offer in the user agent, with a version after
# it as user agents carry one.
export AZURE_HTTP_USER_AGENT="pid-b7e4c2a1-5d3f-4e8a-9c6b-2f1e0d9a8c7b-partnercenter/1.0"
az deployment group create -g rg -f main.bicep

#!/bin/sh
export AZURE_HTTP_USER_AGENT=pid-$PARTNER_GUID
az group create -n x -l westeurope

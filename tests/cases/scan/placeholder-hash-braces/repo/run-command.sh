#!/bin/sh
export AZURE_HTTP_USER_AGENT="pid-$(cat pid.txt)"
az group create -n x -l westeurope

#!/bin/sh
export AZURE_HTTP_USER_AGENT="pid-#{PID}#"
az group create -n x -l westeurope

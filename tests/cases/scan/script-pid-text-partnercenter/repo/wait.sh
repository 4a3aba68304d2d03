#!/bin/sh
# A tracking ID of Partner Center's form, in capitals.
DEPLOYMENT=PID-D5D2708B-A4EF-42C0-A89B-B8BD6DD6D29B-PARTNERCENTER
az deployment group show -g "$RG" -n "$DEPLOYMENT"

#!/bin/bash
# Options before the ']', and a command after the string.
PID=3f2504e0-4f89-41d3-9a0c-0305e82c3301
echo "##vso[task.setvariable variable=ARM_PARTNER_ID;isOutput=true;issecret=false]pid-$PID" && terraform plan

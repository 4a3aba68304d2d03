#!/bin/bash
echo "##vso[task.setvariable variable=ARM_PARTNER_ID]pid-00000000-0000-0000-0000-000000000000"

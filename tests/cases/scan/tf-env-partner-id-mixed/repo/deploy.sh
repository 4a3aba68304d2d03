#!/bin/sh
export ARM_PARTNER_ID=3104b0d6-e49a-4155-a6e8-80eee27ccf1f
terraform apply -auto-approve

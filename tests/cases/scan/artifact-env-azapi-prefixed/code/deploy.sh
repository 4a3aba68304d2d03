#!/bin/sh
export ARM_PARTNER_ID=pid-6f1c0bc4-8a0e-4b8c-9d3e-6d2f0a7c1e55
terraform apply -auto-approve

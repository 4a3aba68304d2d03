#!/bin/sh
# Applies both modules with our partner ID.
set -eu
export ARM_PARTNER_ID=pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301
terraform -chdir=infra apply -auto-approve
terraform -chdir=infra/apps apply -auto-approve

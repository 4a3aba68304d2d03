#!/bin/sh
export ARM_PARTNER_ID=
cd b && terraform apply

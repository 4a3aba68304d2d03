#!/bin/sh
export ARM_PARTNER_ID=#{PartnerGuid}#
terraform apply -auto-approve

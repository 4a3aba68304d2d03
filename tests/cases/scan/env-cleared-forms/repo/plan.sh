#!/bin/sh
ARM_PARTNER_ID=pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301 terraform plan

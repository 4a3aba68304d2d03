$env:ARM_PARTNER_ID = '$partnerId'
terraform apply

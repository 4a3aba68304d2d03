$env:ARM_PARTNER_ID = $null
terraform apply -auto-approve

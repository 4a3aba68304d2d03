$env:ARM_PARTNER_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
Remove-Item -Path Env:\ARM_PARTNER_ID -ErrorAction SilentlyContinue

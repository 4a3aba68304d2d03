# Terraform refuses a provider block that sets an argument twice
# ("Duplicate argument"): no run of this file sends either id.
provider "azurerm" {
  features {}
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
  partner_id = "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

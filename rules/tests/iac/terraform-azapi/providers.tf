# The same prefixed id on both providers: right for azurerm, wrong for
# azapi, which adds pid- itself.
locals {
  partner_id = "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

provider "azurerm" {
  features {}
  partner_id = local.partner_id
}

provider "azapi" {
  partner_id = local.partner_id
}

# An empty local joined to text: nothing to append, into a buffer not yet made.
locals {
  a = ""
  b = "${local.a}."
}
provider "azurerm" {
  features {}
  partner_id = local.b
}

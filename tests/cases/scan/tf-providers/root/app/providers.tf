# The partner_id sits on the hub alias only.
provider "azurerm" {
  alias      = "hub"
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
  features {}
}

provider "azurerm" {
  alias = "spare"
  features {}
}

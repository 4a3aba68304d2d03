provider "azurerm" {
  features {}
}

provider "azurerm" {
  alias = "hub"
  features {}
}

# The same alias twice in one file.
provider "azurerm" {
  alias      = "hub"
  partner_id = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
  features {}
}

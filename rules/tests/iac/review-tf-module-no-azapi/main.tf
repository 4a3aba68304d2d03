# An aliased azapi block nothing selects, and a module that uses no
# provider at all: no implied azapi configuration is in use.
provider "azurerm" {
  features {}
  partner_id = "b7e4c2a1-5d3f-4e8a-9c6b-2f1e0d9a8c7b"
}

provider "azapi" {
  alias = "other"
}

module "names" {
  source = "./m"
}

resource "azurerm_resource_group" "rg" {
  name     = "rg-tailspin"
  location = "westeurope"
}

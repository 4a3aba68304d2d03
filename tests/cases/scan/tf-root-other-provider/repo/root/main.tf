# A root module: it configures a provider (random) but no azurerm block,
# so azurerm runs with Terraform's implied empty configuration.
provider "random" {}

resource "random_pet" "name" {}

resource "azurerm_resource_group" "rg" {
  name     = random_pet.name.id
  location = "westeurope"
}

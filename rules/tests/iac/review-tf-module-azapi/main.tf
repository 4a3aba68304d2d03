# The root has no azapi block; the module it calls deploys through azapi,
# so it inherits Terraform's empty default azapi configuration.
terraform {
  required_providers {
    azurerm = { source = "hashicorp/azurerm" }
    azapi   = { source = "Azure/azapi" }
  }
}

provider "azurerm" {
  features {}
  partner_id = "b7e4c2a1-5d3f-4e8a-9c6b-2f1e0d9a8c7b"
}

module "app" {
  source = "./m"
}

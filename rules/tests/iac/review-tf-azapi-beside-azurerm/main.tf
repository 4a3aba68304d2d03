# The module deploys through azapi alone; the azurerm block's good id
# attributes none of it, and azapi's pid- form attributes nothing.
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

provider "azapi" {
  partner_id = "pid-b7e4c2a1-5d3f-4e8a-9c6b-2f1e0d9a8c7b"
}

resource "azapi_resource" "app" {
  type      = "Microsoft.App/containerApps@2024-03-01"
  name      = "tailspin-app"
  parent_id = var.resource_group_id
  body      = {}
}

variable "resource_group_id" {
  type = string
}

# The Terraform flavour of the kit, for customers who prefer it.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
  partner_id = "5c3b8d4e-2a1f-4e6b-9c7d-8e0f1a2b3c4d"
}

provider "azurerm" {
  alias           = "shared"
  subscription_id = var.shared_subscription_id
  features {}
}

variable "shared_subscription_id" {
  type = string
}

# The shared subscription's log workspace goes through the alias.
data "azurerm_log_analytics_workspace" "shared" {
  provider            = azurerm.shared
  name                = "law-shared"
  resource_group_name = "rg-shared"
}

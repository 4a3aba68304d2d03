terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 5.2"
    }
    azapi = {
      source  = "Azure/azapi"
      version = "~> 2.12"
    }
  }
}

# Both providers read the partner id from ARM_PARTNER_ID, set by deploy.sh.
provider "azurerm" {
  features {}
}

provider "azapi" {
}

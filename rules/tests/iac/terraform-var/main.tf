variable "partner_id" {
  description = "Customer usage attribution GUID"
  type        = string
  default     = "pid-3f2504e0-4f89-41d3-9a0c-0305e82c3301"
}

provider "azurerm" {
  features {}
  partner_id = var.partner_id
}

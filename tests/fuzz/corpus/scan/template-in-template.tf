locals {
  a = "${"${"${var.x}"}"}"
  b = <<-EOT
  %{ if true }x%{ endif }
  EOT
}

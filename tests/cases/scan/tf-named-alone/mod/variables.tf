variable "telemetry" {
  type    = bool
  default = false
}

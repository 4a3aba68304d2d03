#!/bin/sh
set -eu
echo "deploying"

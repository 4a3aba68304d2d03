#!/bin/sh
echo "nothing about attribution here"

"""Reading QR codes from camera frames (zxing-cpp), without Qt: the desk feeds it images."""

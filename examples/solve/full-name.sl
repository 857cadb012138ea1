; "Smith", "Ada" -> "Ada Smith" (SyGuS-IF v1, strings)
(set-logic SLIA)
(synth-fun f ((last String) (first String)) String
  ((Start String (ntString))
   (ntString String (last first " " "."
                     (str.++ ntString ntString)
                     (str.at ntString ntInt)))
   (ntInt Int (0 1))))
(constraint (= (f "Smith" "Ada") "Ada Smith"))
(constraint (= (f "Hopper" "Grace") "Grace Hopper"))
(constraint (= (f "Lovelace" "Augusta") "Augusta Lovelace"))
(check-synth)

KINDS = {"neutrality_agreement": "ICE neutrality agreement"}

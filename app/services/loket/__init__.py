"""Het loket: residents' requests under an adopted participatieverordening, handled within its periods.

rights.py reads which rights an adopted version grants; periods.py counts periods as the law counts them;
requests.py is the intake and the case handling (a state machine); letter.py the decision letter.
"""
